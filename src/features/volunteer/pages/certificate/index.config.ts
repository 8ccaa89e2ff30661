export default definePageConfig({ navigationBarTitleText: '时长证明' });
