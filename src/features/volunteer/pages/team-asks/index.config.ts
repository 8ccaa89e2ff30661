export default definePageConfig({ navigationBarTitleText: '入队审核' });
