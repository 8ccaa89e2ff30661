export default definePageConfig({ navigationBarTitleText: '爱心暑托班' });
