// live free beds: pull down to read them again
export default definePageConfig({
  navigationBarTitleText: '青年驿站',
  enablePullDownRefresh: true,
});
