export default () => ({
  collections: {
    enabled: true,
    resolve: '../plugins/collections',
  },
});
