// live places left on each shift: pull down to read them again
export default definePageConfig({
  navigationBarTitleText: '志愿服务',
  enablePullDownRefresh: true,
});
