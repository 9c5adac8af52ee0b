import models from './models.service';
import policy from './policy.service';
import scoring from './scoring.service';

export default { models, policy, scoring };
