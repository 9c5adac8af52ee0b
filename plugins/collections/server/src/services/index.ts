import cycle from './cycle.service';
import dispatch from './dispatch.service';
import importer from './importer.service';
import ledger from './ledger.service';
import templates from './templates.service';

export default { cycle, dispatch, importer, ledger, templates };
