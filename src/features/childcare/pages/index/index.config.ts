export default definePageConfig({
  navigationBarTitleText: '爱心暑托班',
  enablePullDownRefresh: false,
});
