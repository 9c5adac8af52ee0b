import { describeScoring } from '../support/scoring-suite';

describeScoring('postgres');
