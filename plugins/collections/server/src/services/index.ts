import backtest from './backtest.service';
import cycle from './cycle.service';
import deadLetters from './dead-letters.service';
import dispatch from './dispatch.service';
import importer from './importer.service';
import ledger from './ledger.service';
import strategy from './strategy.service';
import tasks from './tasks.service';
import templates from './templates.service';

export default {
  backtest,
  cycle,
  deadLetters,
  dispatch,
  importer,
  ledger,
  strategy,
  tasks,
  templates,
};
