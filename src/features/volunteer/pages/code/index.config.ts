// In the weapp build the code is drawn by the native <checkin-code> (src/native/checkin-code):
// one short setData a second instead of a React render. H5 has no native components.
export default definePageConfig({
  navigationBarTitleText: '现场签到码',
  navigationBarBackgroundColor: '#ffffff',
  ...(process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'checkin-code': '../../../../native/checkin-code/index' } }
    : {}),
});
