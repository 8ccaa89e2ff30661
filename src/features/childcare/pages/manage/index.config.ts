export default definePageConfig({ navigationBarTitleText: '托班项目管理' });
