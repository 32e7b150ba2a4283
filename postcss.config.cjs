// Mantine's PostCSS preset (light-dark, rem, breakpoint mixins) for any CSS the web app adds.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
