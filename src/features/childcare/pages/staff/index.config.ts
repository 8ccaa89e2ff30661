export default definePageConfig({ navigationBarTitleText: '托班点工作台' });
