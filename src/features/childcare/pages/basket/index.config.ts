// The native <countdown> exists only in the weapp build; H5 renders the React stand-in.
export default definePageConfig({
  navigationBarTitleText: '兄弟姐妹一起报名',
  usingComponents:
    process.env.TARO_ENV === 'weapp' ? { countdown: '../../../../native/countdown/index' } : {},
});
