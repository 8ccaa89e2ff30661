export default definePageConfig({ navigationBarTitleText: '青年汇' });
