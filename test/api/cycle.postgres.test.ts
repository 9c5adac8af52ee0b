import { describeCycle } from '../support/cycle-suite';

describeCycle('postgres');
