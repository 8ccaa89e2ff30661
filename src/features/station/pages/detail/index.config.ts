// shared to chats and 朋友圈 with the station id; live free beds, so pull down refreshes
export default definePageConfig({
  navigationBarTitleText: '驿站详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
