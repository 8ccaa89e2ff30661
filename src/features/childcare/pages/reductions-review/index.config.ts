export default definePageConfig({ navigationBarTitleText: '减免审核' });
