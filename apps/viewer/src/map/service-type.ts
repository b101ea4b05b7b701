/** How the map draws a service: a short badge inside its ring and the words for screen readers. */
export interface ServiceTypeLook {
  /** At most four characters, drawn inside the health ring. */
  readonly badge: string;
  /** What the type means, in plain words. */
  readonly description: string;
}

/**
 * `origin` values SDKs and AWS services write on their own segments. A service of another type
 * with no outgoing calls and no root request is taken as inferred from a caller's subsegments
 * when the graph lacks the sandbox's `Inferred` field (X-Ray's own response has none).
 */
const SEGMENT_ORIGINS: ReadonlySet<string> = new Set([
  "service",
  "client",
  "AWS::EC2::Instance",
  "AWS::ECS::Container",
  "AWS::EKS::Container",
  "AWS::ElasticBeanstalk::Environment",
  "AWS::Lambda::Function",
  "AWS::ApiGateway::Stage",
  "AWS::AppSync::GraphQLAPI",
  "AWS::StepFunctions::StateMachine",
]);

export function isInferredService(service: {
  readonly type: string;
  readonly root: boolean;
  readonly outgoing: number;
}): boolean {
  return !service.root && service.outgoing === 0 && !SEGMENT_ORIGINS.has(service.type);
}

const LOOKS: Readonly<Record<string, ServiceTypeLook>> = {
  service: { badge: "SVC", description: "instrumented service" },
  client: { badge: "USER", description: "clients calling the root services" },
  remote: { badge: "HTTP", description: "remote HTTP endpoint" },
  "Database::SQL": { badge: "SQL", description: "SQL database" },
  "AWS::RDS::DBInstance": { badge: "SQL", description: "Amazon RDS database" },
  "AWS::DynamoDB::Table": { badge: "DDB", description: "DynamoDB table" },
  "AWS::DynamoDB": { badge: "DDB", description: "DynamoDB" },
  "AWS::S3::Bucket": { badge: "S3", description: "S3 bucket" },
  "AWS::S3": { badge: "S3", description: "S3" },
  "AWS::SQS::Queue": { badge: "SQS", description: "SQS queue" },
  "AWS::SQS": { badge: "SQS", description: "SQS" },
  "AWS::SNS": { badge: "SNS", description: "SNS" },
  "AWS::Lambda": { badge: "λ", description: "Lambda" },
  "AWS::Lambda::Function": { badge: "λ", description: "Lambda function" },
  "AWS::EC2::Instance": { badge: "EC2", description: "service on EC2" },
  "AWS::ECS::Container": { badge: "ECS", description: "service on ECS" },
  "AWS::EKS::Container": { badge: "EKS", description: "service on EKS" },
  "AWS::ElasticBeanstalk::Environment": { badge: "EB", description: "Elastic Beanstalk service" },
};

export function serviceTypeLook(type: string): ServiceTypeLook {
  const known = LOOKS[type];
  if (known !== undefined) return known;
  if (type.startsWith("AWS::")) return { badge: "AWS", description: `AWS resource ${type}` };
  if (type.startsWith("Database::")) return { badge: "DB", description: `database ${type}` };
  return { badge: "SVC", description: `service of type ${type}` };
}
