export default definePageConfig({ navigationBarTitleText: '青年夜校' });
