// shared to chats and 朋友圈 with the task id; live places, so pull down refreshes
export default definePageConfig({
  navigationBarTitleText: '志愿活动',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
