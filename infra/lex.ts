import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { botDefinition, urgentWordsOf } from '../contact-flows/bot.ts';

export interface AssistantBotProps {
  readonly config: SwitchboardConfig;
  /** The assistant Lambda: the fulfillment code hook of every intent. */
  readonly assistant: lambda.IFunction;
  readonly instanceArn: string;
}

/**
 * The Lex V2 bot that listens to callers in the business locale. Its LeaveMessage intent, its
 * AskQuestion intent (the FAQ's questions and alternates as sample utterances) and its fallback intent
 * are all fulfilled by the assistant Lambda; Connect reads the outcome from the session attributes. The bot version is named by a hash of its definition, so a config change
 * publishes a new version and moves the alias to it.
 */
export class AssistantBot extends Construct {
  readonly bot: lex.CfnBot;
  readonly alias: lex.CfnBotAlias;
  readonly association: connect.CfnIntegrationAssociation;

  constructor(scope: Construct, id: string, props: AssistantBotProps) {
    super(scope, id);
    const def = botDefinition(
      props.config.business.locale,
      props.config.business.voice,
      props.config.faq,
      urgentWordsOf(props.config.assistant),
    );
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      description: 'Lets the Switchboard bot speak (Polly)',
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] }));

    // issue 12: when the code hook fails or times out, Lex itself ends the conversation with the
    // intent's session attributes (an urgent intent: URGENT and its group), so Connect still learns
    // that the caller's words were urgent (bot.ts `onCodeHookFailure`; the local engine does the same).
    const codeHook = (onFailure: Record<string, string>): lex.CfnBot.FulfillmentCodeHookSettingProperty => {
      const step: lex.CfnBot.DialogStateProperty = {
        dialogAction: { type: 'EndConversation' },
        sessionAttributes: Object.entries(onFailure).map(([key, value]) => ({ key, value })),
      };
      return {
        enabled: true,
        postFulfillmentStatusSpecification: { failureNextStep: step, timeoutNextStep: step },
      };
    };
    const locale: lex.CfnBot.BotLocaleProperty = {
      localeId: def.localeId,
      nluConfidenceThreshold: 0.4,
      voiceSettings: { voiceId: def.voice, engine: 'neural' },
      intents: [
        ...def.intents.map((i) => ({
          name: i.name,
          ...(i.urgentGroup !== undefined
            ? { description: `Urgent words${i.urgentGroup ? ` of group ${i.urgentGroup}` : ''}` }
            : {}),
          sampleUtterances: i.utterances.map((utterance) => ({ utterance })),
          fulfillmentCodeHook: codeHook(i.onCodeHookFailure),
        })),
        {
          name: 'FallbackIntent',
          parentIntentSignature: 'AMAZON.FallbackIntent',
          fulfillmentCodeHook: codeHook(def.fallbackOnCodeHookFailure),
        },
      ],
    };
    this.bot = new lex.CfnBot(this, 'Bot', {
      name: `${props.config.deployment.instanceAlias}-assistant`.slice(0, 100),
      description: `Switchboard assistant for ${props.config.business.name}`.slice(0, 200),
      roleArn: role.roleArn,
      // Untyped in the L1, so CloudFormation's own casing.
      dataPrivacy: { ChildDirected: false },
      idleSessionTtlInSeconds: 300,
      autoBuildBotLocales: true,
      botLocales: [locale],
    });
    const hash = createHash('sha256').update(JSON.stringify(locale)).digest('hex').slice(0, 8);
    const version = new lex.CfnBotVersion(this, `Version${hash}`, {
      botId: this.bot.attrId,
      description: `definition ${hash}`,
      botVersionLocaleSpecification: [
        { localeId: def.localeId, botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' } },
      ],
    });
    this.alias = new lex.CfnBotAlias(this, 'Alias', {
      botId: this.bot.attrId,
      botAliasName: 'live',
      botVersion: version.attrBotVersion,
      botAliasLocaleSettings: [
        {
          localeId: def.localeId,
          botAliasLocaleSetting: {
            enabled: true,
            codeHookSpecification: {
              lambdaCodeHook: { codeHookInterfaceVersion: '1.0', lambdaArn: props.assistant.functionArn },
            },
          },
        },
      ],
    });
    props.assistant.addPermission('LexInvoke', {
      principal: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      sourceArn: this.alias.attrArn,
      sourceAccount: stack.account,
    });
    // Connect may converse with this alias, and only from this instance.
    new lex.CfnResourcePolicy(this, 'ConnectAccess', {
      resourceArn: this.alias.attrArn,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'connect',
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: [
              'lex:RecognizeText',
              'lex:RecognizeUtterance',
              'lex:StartConversation',
              'lex:DeleteSession',
              'lex:PutSession',
            ],
            Resource: this.alias.attrArn,
            Condition: {
              StringEquals: { 'AWS:SourceAccount': stack.account },
              ArnEquals: { 'AWS:SourceArn': props.instanceArn },
            },
          },
        ],
      },
    });
    this.association = new connect.CfnIntegrationAssociation(this, 'Association', {
      instanceId: props.instanceArn,
      integrationType: 'LEX_BOT',
      integrationArn: this.alias.attrArn,
    });
  }

  get aliasArn(): string {
    return this.alias.attrArn;
  }
}
