export default definePageConfig({ navigationBarTitleText: '本轮统计' });
