export default definePageConfig({ navigationBarTitleText: '志愿组织者' });
