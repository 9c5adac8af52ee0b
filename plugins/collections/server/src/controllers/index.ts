import imports from './imports.controller';
import templates from './templates.controller';

export default { imports, templates };
