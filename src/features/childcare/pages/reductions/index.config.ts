export default definePageConfig({ navigationBarTitleText: '费用减免' });
