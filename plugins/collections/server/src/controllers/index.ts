import imports from './imports.controller';

export default { imports };
