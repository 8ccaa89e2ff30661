// Tab pages and login live in the main package; each feature folder is a subpackage, so a
// service's code is downloaded only when a resident opens it
// (docs/adr/0005-feature-folder-is-a-subpackage.md).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/messages/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'features/account',
      pages: ['pages/profile/index', 'pages/privacy/index', 'pages/pc-login/index'],
    },
    {
      root: 'features/night-school',
      pages: [
        'pages/index/index',
        'pages/course/index',
        'pages/mine/index',
        'pages/admin/index',
        'pages/draw/index',
        'pages/stats/index',
      ],
    },
    {
      root: 'features/station',
      pages: [
        'pages/index/index',
        'pages/detail/index',
        'pages/mine/index',
        'pages/staff/index',
        'pages/manage/index',
      ],
    },
    {
      root: 'features/childcare',
      pages: [
        'pages/index/index',
        'pages/class/index',
        'pages/mine/index',
        'pages/children/index',
        'pages/staff/index',
        'pages/manage/index',
        'pages/stats/index',
      ],
    },
    {
      root: 'features/volunteer',
      pages: [
        'pages/index/index',
        'pages/task/index',
        'pages/mine/index',
        'pages/checkin/index',
        'pages/certificate/index',
        'pages/requests/index',
        'pages/manage/index',
        'pages/code/index',
        'pages/publish/index',
      ],
    },
    {
      root: 'features/organizer',
      pages: ['pages/index/index', 'pages/roles/index', 'pages/audit/index'],
    },
  ],
  // H5 only: no slide between pages; organizers on a PC and tests see the page at once.
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '青年汇',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: '#1d4ed8',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home-off.png',
        selectedIconPath: 'assets/tab/home-on.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages-off.png',
        selectedIconPath: 'assets/tab/messages-on.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine-off.png',
        selectedIconPath: 'assets/tab/mine-on.png',
      },
    ],
  },
});
