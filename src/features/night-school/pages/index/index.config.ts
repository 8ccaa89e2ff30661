// live applicants/seats: pull down to read them again
export default definePageConfig({
  navigationBarTitleText: '青年夜校',
  enablePullDownRefresh: true,
});
