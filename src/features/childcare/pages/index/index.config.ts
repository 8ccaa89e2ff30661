export default definePageConfig({
  navigationBarTitleText: '爱心托班',
  enablePullDownRefresh: false,
});
