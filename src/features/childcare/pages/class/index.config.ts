// The native <countdown> exists only in the weapp build; H5 renders the React stand-in.
// Shared to chats and 朋友圈 with the class id; live seats left, so pull down refreshes.
export default definePageConfig({
  navigationBarTitleText: '班级详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
  usingComponents:
    process.env.TARO_ENV === 'weapp' ? { countdown: '../../../../native/countdown/index' } : {},
});
