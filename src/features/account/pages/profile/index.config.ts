export default definePageConfig({ navigationBarTitleText: '实名资料' });
