// Tab pages and login live in the main package; each feature folder is a subpackage, so a
// service's code is downloaded only when a resident opens it
// (docs/adr/0005-feature-folder-is-a-subpackage.md).
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/messages/index',
    'pages/mine/index',
    'pages/login/index',
    // where every 小程序码 lands (docs/adr/0019-wxacode-scenes.md)
    'pages/landing/index',
  ],
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
        'pages/booking/index',
        'pages/hold/index',
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
        'pages/basket/index',
        'pages/reductions/index',
        'pages/reductions-review/index',
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
        'pages/teams/index',
        'pages/team-asks/index',
        'pages/skills/index',
      ],
    },
    {
      root: 'features/organizer',
      pages: ['pages/index/index', 'pages/roles/index', 'pages/audit/index'],
    },
    // H5 only, for a PC: the desktop console (a phone keeps the organizer pages;
    // docs/adr/0022-desktop-console-in-the-h5-build.md) and the dashboards, which draw with
    // chart.js; neither the console nor the charts ever reach the weapp packages
    ...(process.env.TARO_ENV === 'h5'
      ? [
          { root: 'features/console', pages: ['pages/index/index'] },
          { root: 'features/dashboard', pages: ['pages/index/index'] },
        ]
      : []),
  ],
  // WeChat refuses the location APIs (and review refuses the package) unless they are declared
  // here; tests/unit/platform-declarations.test.ts checks the built app.json against every call
  // in src/ (WeChat's rules: tests/unit/platform/private-api-rules.ts).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    // shown in WeChat's location prompt; WeChat allows at most 30 characters
    'scope.userLocation': { desc: '志愿签到时核对你是否在服务地点，并查找附近的志愿活动' },
  },
  // Opening the home page fetches the four services' subpackages in the background, so the first
  // tap on a service opens at once instead of waiting for its download.
  preloadRule: {
    'pages/home/index': {
      network: 'all',
      packages: [
        'features/night-school',
        'features/station',
        'features/childcare',
        'features/volunteer',
      ],
    },
  },
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
