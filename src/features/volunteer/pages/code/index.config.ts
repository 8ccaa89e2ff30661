export default definePageConfig({ navigationBarTitleText: '现场签到码', navigationBarBackgroundColor: '#ffffff' });
