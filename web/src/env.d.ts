// amazon-connect-streams ships a script that sets the `connect` global (its types are global too).
declare module 'amazon-connect-streams/release/connect-streams-min.js';
