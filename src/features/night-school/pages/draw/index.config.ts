export default definePageConfig({ navigationBarTitleText: '摇号公示' });
