import { describe, expect, it } from "vitest";
import type { SubsegmentDocument } from "../document.ts";
import { epochSeconds, type SegmentId } from "../units.ts";
import { hostOf, inferredService } from "./inferred-service.ts";

const subsegment = (fields: Partial<SubsegmentDocument>): SubsegmentDocument => ({
  id: "00000000000000aa" as SegmentId,
  name: "call",
  start_time: epochSeconds(1795686982),
  end_time: epochSeconds(1795686983),
  ...fields,
});

describe("inferredService", () => {
  it("ignores local work", () => {
    expect(inferredService(subsegment({ name: "validate" }))).toBeUndefined();
    expect(
      inferredService(subsegment({ http: { request: { url: "http://a.example/" } } })),
    ).toBeUndefined();
  });

  it("names a DynamoDB call after its table, or after the service without one", () => {
    const table = { operation: "GetItem", table_name: "orders" };
    expect(inferredService(subsegment({ name: "DynamoDB", namespace: "aws", aws: table }))).toEqual(
      { name: "orders", type: "AWS::DynamoDB::Table" },
    );
    expect(
      inferredService(
        subsegment({ name: "DynamoDB", namespace: "aws", aws: { operation: "ListTables" } }),
      ),
    ).toEqual({ name: "DynamoDB", type: "AWS::DynamoDB" });
  });

  it("recognises the service names of the Python and Java SDKs", () => {
    const aws = { table_name: "orders" };
    for (const name of ["dynamodb", "AmazonDynamoDBv2"]) {
      expect(inferredService(subsegment({ name, namespace: "aws", aws }))).toEqual({
        name: "orders",
        type: "AWS::DynamoDB::Table",
      });
    }
  });

  it("names S3 buckets and SQS queues", () => {
    expect(
      inferredService(
        subsegment({ name: "S3", namespace: "aws", aws: { bucket_name: "invoices" } }),
      ),
    ).toEqual({ name: "invoices", type: "AWS::S3::Bucket" });
    const queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/order-events";
    expect(
      inferredService(subsegment({ name: "SQS", namespace: "aws", aws: { queue_url } })),
    ).toEqual({ name: "order-events", type: "AWS::SQS::Queue" });
  });

  it("types other AWS services after their name", () => {
    expect(inferredService(subsegment({ name: "SNS", namespace: "aws" }))).toEqual({
      name: "SNS",
      type: "AWS::SNS",
    });
    expect(inferredService(subsegment({ name: "STS", namespace: "aws" }))).toEqual({
      name: "STS",
      type: "AWS::STS",
    });
  });

  it("names a remote HTTP call after the host of its URL", () => {
    const http = { request: { url: "https://user:pw@API.Example.com:8443/v1?q=1" } };
    expect(inferredService(subsegment({ name: "whatever", namespace: "remote", http }))).toEqual({
      name: "api.example.com",
      type: "remote",
    });
    expect(inferredService(subsegment({ name: "payments", namespace: "remote" }))).toEqual({
      name: "payments",
      type: "remote",
    });
  });

  it("makes a remote SQL query a database named like its subsegment", () => {
    const sql = { url: "jdbc:postgresql://db.internal:5432/orders", database_type: "PostgreSQL" };
    expect(
      inferredService(subsegment({ name: "orders@db.internal", namespace: "remote", sql })),
    ).toEqual({ name: "orders@db.internal", type: "Database::SQL" });
    expect(
      inferredService(
        subsegment({
          name: "",
          namespace: "remote",
          sql: { url: "postgres://u:secret@db.internal/orders" },
        }),
      ),
    ).toEqual({ name: "postgres://db.internal/orders", type: "Database::SQL" });
  });

  it("types a database on RDS as an RDS instance", () => {
    const url = "ebdb.cpamxznpdoq8.eu-west-1.rds.amazonaws.com:5432/ebdb";
    expect(
      inferredService(subsegment({ name: "ebdb@rds", namespace: "remote", sql: { url } })),
    ).toEqual({ name: "ebdb@rds", type: "AWS::RDS::DBInstance" });
  });
});

describe("hostOf", () => {
  it.each([
    ["http://127.0.0.1/data", "127.0.0.1"],
    ["http://127.0.0.1:3900/outgoing", "127.0.0.1"],
    ["db.internal:5432/orders", "db.internal"],
    ["jdbc:mysql://Mysql.Local:3306/shop", "mysql.local"],
    ["http://[::1]:8080/", "[::1]"],
    ["", ""],
  ])("%s has host %s", (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});
