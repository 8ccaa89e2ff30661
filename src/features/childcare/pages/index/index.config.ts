// live seats left: pull down to read them again
export default definePageConfig({
  navigationBarTitleText: '爱心托班',
  enablePullDownRefresh: true,
});
