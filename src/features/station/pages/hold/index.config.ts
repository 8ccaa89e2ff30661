export default definePageConfig({ navigationBarTitleText: '填写资格信息' });
