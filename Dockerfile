# Build and run Privacy Case Manager. docker-compose.yml runs two nodes of it on PostgreSQL behind
# nginx, with a mail catcher.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app pcm
WORKDIR /app
COPY --from=build /src/target/privacy-case-manager-*.jar app.jar
USER pcm
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
