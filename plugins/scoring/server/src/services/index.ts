import policy from './policy.service';
import scoring from './scoring.service';

export default { policy, scoring };
