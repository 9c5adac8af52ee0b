import deadLetters from './dead-letters.controller';
import imports from './imports.controller';
import strategy from './strategy.controller';
import templates from './templates.controller';

export default { deadLetters, imports, strategy, templates };
