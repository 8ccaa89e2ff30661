export default definePageConfig({ navigationBarTitleText: '夜校管理' });
