module.exports = { setupFilesAfterEnv: ["@xray-sandbox/testing/jest"] };
