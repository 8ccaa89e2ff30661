export default definePageConfig({ navigationBarTitleText: '青年驿站' });
