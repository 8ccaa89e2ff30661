// shared to chats and 朋友圈 with the course id; live seats, so pull down refreshes
export default definePageConfig({
  navigationBarTitleText: '课程详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
