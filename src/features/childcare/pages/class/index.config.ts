// The native <countdown> exists only in the weapp build; H5 renders the React stand-in.
export default definePageConfig({
  navigationBarTitleText: '班级详情',
  usingComponents:
    process.env.TARO_ENV === 'weapp' ? { countdown: '../../../../native/countdown/index' } : {},
});
