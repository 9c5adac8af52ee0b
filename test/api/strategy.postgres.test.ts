import { describeStrategies } from '../support/strategy-suite';

describeStrategies('postgres');
