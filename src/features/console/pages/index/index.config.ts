export default definePageConfig({ navigationBarTitleText: '青年汇工作台' });
