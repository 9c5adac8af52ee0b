import imports from './imports.controller';
import strategy from './strategy.controller';
import templates from './templates.controller';

export default { imports, strategy, templates };
