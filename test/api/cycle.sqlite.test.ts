import { describeCycle } from '../support/cycle-suite';

describeCycle('sqlite');
