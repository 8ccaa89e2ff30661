// The API tests' WeChat Pay is the one fake the browser tests, the fault tests and the demo use too.
export * from '../../server/dev/fake-wechatpay/fake-wechatpay';
