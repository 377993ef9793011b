/** The health metric, shared by the checker (which publishes it) and the stack (which alarms on it). */
export const HEALTH_NAMESPACE = 'Switchboard';
export const HEALTH_METRIC = 'Healthy';
export const HEALTH_SERVICE = 'switchboard';
