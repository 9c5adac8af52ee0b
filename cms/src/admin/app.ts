export default {
  config: {
    locales: ['zh-Hans', 'en'],
    translations: {
      'zh-Hans': { 'Auth.form.welcome.title': '欢迎使用回款 Huikuan' },
      en: { 'Auth.form.welcome.title': 'Welcome to Huikuan' },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {},
};
